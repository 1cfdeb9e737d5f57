package dev.pmgate.polymarket;

import dev.pmgate.api.ExchangeName;
import dev.pmgate.credentials.ExchangeSession;
import dev.pmgate.credentials.Secrets;
import org.web3j.crypto.ECKeyPair;

/**
 * A caller's Polymarket wallet key and, when given or derived for this request, its CLOB L2
 * credentials. Derived credentials live only here and die with the session (SPEC §3 invariant 3).
 */
public final class PolymarketSession implements ExchangeSession {

    private final ECKeyPair key;
    private final String address;
    private final PolymarketWallet wallet;
    private PolymarketL2Auth l2;

    PolymarketSession(ECKeyPair key, PolymarketWallet wallet, PolymarketL2Auth l2) {
        this.key = key;
        this.address = PolymarketKeys.address(key);
        this.wallet = wallet;
        this.l2 = l2;
    }

    ECKeyPair key() {
        return key;
    }

    /** The signing key's address: always POLY_ADDRESS. */
    public String address() {
        return address;
    }

    public PolymarketWallet wallet() {
        return wallet;
    }

    /** The address whose funds and positions are traded: the funder for proxy/Safe wallets. */
    public String fundingAddress() {
        return wallet.maker();
    }

    public boolean hasClobCredentials() {
        return l2 != null;
    }

    PolymarketL2Auth l2() {
        return l2;
    }

    /** Installs credentials derived via L1 for this request only; the char arrays are wiped here. */
    void useDerived(String apiKey, char[] secret, char[] passphrase) {
        try {
            this.l2 = new PolymarketL2Auth(address, apiKey, secret, passphrase);
        } finally {
            Secrets.wipe(secret);
            Secrets.wipe(passphrase);
        }
    }

    @Override
    public ExchangeName exchange() {
        return PolymarketModule.NAME;
    }

    @Override
    public void close() {
        if (l2 != null) {
            l2.close();
            l2 = null;
        }
    }

    @Override
    public String toString() {
        return "PolymarketSession[redacted]";
    }
}
