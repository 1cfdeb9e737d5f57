package dev.pmgate.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.camel.component.platform.http.spi.PlatformHttpEngine;
import org.apache.camel.component.platform.http.springboot.SpringBootPlatformHttpConsumer;
import org.apache.camel.component.platform.http.springboot.SpringBootPlatformHttpEngine;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerAdapter;
import org.springframework.web.servlet.ModelAndView;

/**
 * Runs each REST request's Camel route on the servlet container's thread, in one servlet pass.
 *
 * <p>Camel's Spring Boot platform-http consumer answers Spring MVC with a {@code CompletableFuture} run on a
 * task executor. Spring MVC turns that into an async request: a thread hand-off, then
 * {@code AsyncContext.dispatch()} and a second pass through the filter chain and the {@code DispatcherServlet}
 * once the route is done (the profile in docs/performance.md: 10–30 % of a REST request's CPU). pmgate's routes
 * block anyway (the upstream HTTP call is synchronous), so the hand-off buys nothing. Here the consumer gets a
 * direct executor (its future is complete when {@code service} returns) and an adapter ahead of Spring MVC's
 * own invokes it and returns, so the request is answered in the first pass. Camel stays the wiring: the
 * consumer, its binding and header filter, and every route are unchanged.
 *
 * <p>The number of requests in flight at once is now Tomcat's thread pool ({@code server.tomcat.threads.max},
 * sized in application.yaml above the exchanges' in-flight bounds, which answer 503 first).
 */
@Configuration(proxyBeanMethods = false)
class SynchronousPlatformHttp {

    /**
     * Replaces the auto-configured engine (it backs off when one exists) with one whose consumers run inline;
     * the platform-http component finds its engine by this bean name.
     */
    @Bean("platform-http-engine")
    PlatformHttpEngine platformHttpEngine(ServerProperties server) {
        int port = server.getPort() == null ? 8080 : server.getPort();
        return new SpringBootPlatformHttpEngine(port, Runnable::run);
    }

    @Bean
    HandlerAdapter platformHttpHandlerAdapter() {
        return new ConsumerAdapter();
    }

    /** Invokes a platform-http consumer's handler method and waits for it; every other handler is Spring's. */
    static final class ConsumerAdapter implements HandlerAdapter, Ordered {

        @Override
        public boolean supports(Object handler) {
            return handler instanceof HandlerMethod method
                    && method.getBean() instanceof SpringBootPlatformHttpConsumer;
        }

        @Override
        public ModelAndView handle(HttpServletRequest request, HttpServletResponse response, Object handler) {
            SpringBootPlatformHttpConsumer consumer =
                    (SpringBootPlatformHttpConsumer) ((HandlerMethod) handler).getBean();
            // complete on return with the direct executor; join() keeps it correct should Camel ever hand off
            consumer.service(request, response).join();
            return null;
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }
    }
}
