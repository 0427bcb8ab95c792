/**
 * A local AMQP 1.0 stand-in for Azure Service Bus ({@link AmqpQueueStandIn})
 * that the real azure-messaging-servicebus SDK sends to. Dev and test only.
 */
package io.reprotect.local.servicebus;
