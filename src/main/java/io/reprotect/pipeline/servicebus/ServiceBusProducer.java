package io.reprotect.pipeline.servicebus;

import com.azure.core.credential.TokenCredential;
import com.azure.messaging.servicebus.ServiceBusClientBuilder;
import io.reprotect.pipeline.Queues;
import io.reprotect.pipeline.StageQueue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Builds the Service Bus stage queue from the same app settings the triggers use:
 * {@code ServiceBusConnection__fullyQualifiedNamespace} (managed identity, in Azure) or
 * {@code ServiceBusConnection} (a connection string, for development against a real namespace). With a
 * namespace it authenticates with the app's one credential ({@code cloud.azure.AzureCredentials}).
 */
@ApplicationScoped
public class ServiceBusProducer {

    @Produces
    @ApplicationScoped
    StageQueue stageQueue(
            @ConfigProperty(name = Queues.CONNECTION + "__fullyQualifiedNamespace") Optional<String> namespace,
            @ConfigProperty(name = Queues.CONNECTION) Optional<String> connectionString,
            Instance<TokenCredential> credential) {
        ServiceBusClientBuilder builder = new ServiceBusClientBuilder();
        if (namespace.isPresent()) {
            builder.fullyQualifiedNamespace(namespace.get()).credential(credential.get());
        } else if (connectionString.isPresent()) {
            builder.connectionString(connectionString.get());
        } else {
            throw new IllegalStateException("No Service Bus configured: set the app setting "
                    + Queues.CONNECTION + "__fullyQualifiedNamespace to <namespace>.servicebus.windows.net");
        }
        return new ServiceBusStageQueue(builder);
    }
}
