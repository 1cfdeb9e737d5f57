package dev.pmgate.security;

import java.lang.reflect.InvocationTargetException;
import java.security.GeneralSecurityException;
import java.security.Provider;

/**
 * Loads a native (AWS-LC / OpenSSL backed) JCA provider by class name and reflection, so that a build or
 * platform without it (the jar is absent, or its native library does not load on this OS/CPU) is an ordinary,
 * reportable failure rather than a linkage error. The provider object is only ever passed explicitly to
 * {@code getInstance(..., provider)} by its users (Kalshi RSA-PSS, the ECDH of sealed credentials): it is never
 * installed in the JVM's provider list, so TLS and every other use of JCA keep their providers.
 */
public final class NativeProviders {

    /** Amazon Corretto Crypto Provider (AWS-LC): the preferred native provider. */
    public static final String ACCP = "com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider";

    private NativeProviders() {}

    /**
     * Loads the provider class {@code className} (exposing a static {@code INSTANCE}, as ACCP does) and checks
     * that its native library loaded and that its own self-tests pass; each user then checks the services it
     * needs and runs its own self-test.
     *
     * @throws GeneralSecurityException with the reason, when it is not usable here
     */
    public static Provider load(String className) throws GeneralSecurityException {
        try {
            Class<?> type = Class.forName(className, true, NativeProviders.class.getClassLoader());
            Provider provider = (Provider) type.getField("INSTANCE").get(null);
            Object loadingError = optionalCall(type, provider, "getLoadingError");
            if (loadingError instanceof Throwable t) {
                throw new GeneralSecurityException("native library did not load: " + describe(t), t);
            }
            optionalCall(type, provider, "assertHealthy");
            return provider;
        } catch (ClassNotFoundException e) {
            throw new GeneralSecurityException("provider not on the class path (" + className + ")", e);
        } catch (InvocationTargetException e) {
            throw new GeneralSecurityException("provider unhealthy: " + describe(e.getCause()), e.getCause());
        } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
            throw new GeneralSecurityException("provider failed to load: " + describe(e), e);
        }
    }

    /** A failure as its class and message, for the start-up log line that says which provider is used. */
    public static String describe(Throwable t) {
        if (t == null) {
            return "unknown";
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    private static Object optionalCall(Class<?> type, Provider provider, String method)
            throws ReflectiveOperationException {
        try {
            return type.getMethod(method).invoke(provider);
        } catch (NoSuchMethodException absent) {
            return null;
        }
    }
}
