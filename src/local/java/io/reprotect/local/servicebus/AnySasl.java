package io.reprotect.local.servicebus;

import io.vertx.core.Handler;
import io.vertx.core.net.NetSocket;
import io.vertx.proton.ProtonConnection;
import io.vertx.proton.sasl.ProtonSaslAuthenticator;
import org.apache.qpid.proton.engine.Sasl;
import org.apache.qpid.proton.engine.Transport;

/** SASL that lets every client in: offers ANONYMOUS and PLAIN and ignores the credentials. */
final class AnySasl implements ProtonSaslAuthenticator {

    private Sasl sasl;
    private boolean succeeded;

    @Override
    public void init(NetSocket socket, ProtonConnection connection, Transport transport) {
        sasl = transport.sasl();
        sasl.server();
        sasl.allowSkip(false);
        sasl.setMechanisms("ANONYMOUS", "PLAIN");
    }

    @Override
    public void process(Handler<Boolean> completion) {
        if (sasl.getRemoteMechanisms().length == 0) {
            completion.handle(false);
            return;
        }
        if (sasl.pending() > 0) {
            byte[] ignoredCredentials = new byte[sasl.pending()];
            sasl.recv(ignoredCredentials, 0, ignoredCredentials.length);
        }
        sasl.done(Sasl.SaslOutcome.PN_SASL_OK);
        succeeded = true;
        completion.handle(true);
    }

    @Override
    public boolean succeeded() {
        return succeeded;
    }
}
