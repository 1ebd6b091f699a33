package io.netty.handler.ssl;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

/**
 * ALPN ({@code h2}) over the JDK's own TLS for Netty. Debian's libnetty-java leaves out
 * {@code JdkAlpnApplicationProtocolNegotiator}, so {@code SslContextBuilder} refuses ALPN with the
 * JDK provider ("JDK provider does not support ALPN protocol") although Java 9+ supports it and
 * the package keeps the Java 9 engine. This rebuilds that negotiator from the parts Debian ships;
 * it lives in Netty's package because those parts are package-private. Internal to the SDK.
 */
public final class EnterpriseHubJdkAlpn {
    private EnterpriseHubJdkAlpn() {}

    /**
     * @param context the JDK TLS context (key and trust managers set)
     * @return a Netty client context that offers {@code h2} by ALPN and fails the handshake without it
     */
    public static SslContext clientContext(SSLContext context) {
        JdkApplicationProtocolNegotiator.SslEngineWrapperFactory wrapper =
                (SSLEngine engine, JdkApplicationProtocolNegotiator negotiator, boolean isServer) ->
                        new Java9SslEngine(engine, negotiator, isServer);
        JdkApplicationProtocolNegotiator negotiator = new JdkBaseApplicationProtocolNegotiator(wrapper,
                JdkBaseApplicationProtocolNegotiator.FAIL_SELECTOR_FACTORY,
                JdkBaseApplicationProtocolNegotiator.FAIL_SELECTION_LISTENER_FACTORY, "h2");
        return new JdkSslContext(context, true, null, IdentityCipherSuiteFilter.INSTANCE, negotiator,
                ClientAuth.NONE, new String[] {"TLSv1.3", "TLSv1.2"}, false);
    }
}
