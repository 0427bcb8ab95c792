package io.reprotect.local.queue;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.TraceContext;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.ServiceBusQueueTrigger;
import com.microsoft.azure.functions.annotation.TimerTrigger;
import io.reprotect.intake.IntakeDeadLetterFunction;
import io.reprotect.intake.IntakeFunction;
import io.reprotect.job.JobJson;
import io.reprotect.pipeline.DeadLetterFunctions;
import io.reprotect.pipeline.StageFunctions;
import io.reprotect.replication.CycleTickFunction;
import io.reprotect.watchdog.WatchdogFunction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Plays the Functions host for queue triggers: delivers messages of the {@link InProcessStageQueue}
 * to the same {@code @FunctionName} methods Azure would call, settling them as the host does
 * (complete on return, abandon on exception), and fires timer-triggered functions (the watchdog)
 * when asked, and in the background at start and then periodically. Dev and test only.
 */
@ApplicationScoped
public class LocalFunctionHost {

    private static final Logger LOG = Logger.getLogger(LocalFunctionHost.class.getName());

    private final InProcessStageQueue queue;
    private final List<Binding> bindings = new ArrayList<>();
    private final List<Binding> timers = new ArrayList<>();
    private volatile Thread dispatcher;
    private final java.util.concurrent.atomic.AtomicLong executions = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong executionNanos = new java.util.concurrent.atomic.AtomicLong();
    /** Flex Consumption bills every execution for at least this long (the cost model's 1 s minimum). */
    public static final Duration BILLED_MINIMUM = Duration.ofSeconds(1);
    private final java.util.concurrent.atomic.AtomicLong billedNanos = new java.util.concurrent.atomic.AtomicLong();

    record Binding(String queueName, String functionName, Object target, Method method) {
    }

    @Inject
    public LocalFunctionHost(InProcessStageQueue queue, StageFunctions stages, DeadLetterFunctions deadLetters,
            IntakeFunction intake, IntakeDeadLetterFunction intakeDeadLetters, WatchdogFunction watchdog,
            CycleTickFunction cycleTicks) {
        this(queue, List.of(intake, intakeDeadLetters, stages, deadLetters, watchdog, cycleTicks));
    }

    /** A host for the given function objects (tests wire them by hand). */
    public LocalFunctionHost(InProcessStageQueue queue, List<Object> functions) {
        this.queue = queue;
        for (Object target : functions) {
            for (Method method : unproxied(target.getClass()).getDeclaredMethods()) {
                triggerQueue(method).ifPresent(q -> bindings.add(new Binding(q,
                        method.getAnnotation(FunctionName.class).value(), target, method)));
                if (isTimer(method)) {
                    timers.add(new Binding(null, method.getAnnotation(FunctionName.class).value(), target, method));
                }
            }
        }
    }

    /** Queue names that have a function, as the host would listen to them. */
    public List<String> listenedQueues() {
        return bindings.stream().map(Binding::queueName).toList();
    }

    /** Delivers at most one due message per queue. @return how many were delivered */
    public int deliverDue() {
        int delivered = 0;
        for (Binding binding : bindings) {
            Optional<InProcessStageQueue.Envelope> next = queue.receive(binding.queueName());
            if (next.isPresent()) {
                invoke(binding, next.get());
                delivered++;
            }
        }
        return delivered;
    }

    /**
     * Delivers messages until none is left; when only scheduled ones remain, moves the queue's
     * clock to the earliest of them. @return deliveries made
     */
    public int runUntilIdle(int maxDeliveries) {
        return runUntilIdle(maxDeliveries, Duration.ZERO);
    }

    /**
     * As {@link #runUntilIdle(int)}, pausing {@code realPause} before each move of the clock, for
     * work that finishes in real time (the ARM stand-in's long-running operations).
     */
    public int runUntilIdle(int maxDeliveries, Duration realPause) {
        int total = 0;
        while (total < maxDeliveries) {
            int delivered = deliverDue();
            total += delivered;
            if (delivered == 0) {
                Optional<Instant> next = queue.nextScheduled(listenedQueues());
                if (next.isEmpty()) {
                    return total;
                }
                pause(realPause);
                Duration wait = Duration.between(queue.now(), next.get());
                queue.advance(wait.isNegative() ? Duration.ZERO : wait.plusMillis(1));
            }
        }
        throw new IllegalStateException("still busy after " + maxDeliveries + " deliveries");
    }

    /**
     * As {@link #runUntilIdle(int, Duration)}, but stops as soon as {@code done} holds: for runs that
     * never go idle (a protected item always has its next replication cycle scheduled).
     */
    public int runUntil(java.util.function.BooleanSupplier done, int maxDeliveries, Duration realPause) {
        int total = 0;
        while (!done.getAsBoolean()) {
            if (total >= maxDeliveries) {
                throw new IllegalStateException("not done after " + maxDeliveries + " deliveries");
            }
            int delivered = deliverDue();
            total += delivered;
            if (delivered == 0) {
                Optional<Instant> next = queue.nextScheduled(listenedQueues());
                if (next.isEmpty()) {
                    return total;
                }
                pause(realPause);
                Duration wait = Duration.between(queue.now(), next.get());
                queue.advance(wait.isNegative() ? Duration.ZERO : wait.plusMillis(1));
            }
        }
        return total;
    }

    private static void pause(Duration duration) {
        if (duration.isZero()) {
            return;
        }
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs every timer-triggered function once, as the host does when a schedule fires. */
    public void fireTimers() {
        for (Binding timer : timers) {
            try {
                Object[] args = new Object[timer.method().getParameterCount()];
                Parameter[] parameters = timer.method().getParameters();
                for (int i = 0; i < args.length; i++) {
                    args[i] = parameters[i].getType() == ExecutionContext.class ? context(timer.functionName())
                            : "{\"isPastDue\":false}";
                }
                timer.method().invoke(timer.target(), args);
            } catch (InvocationTargetException e) {
                LOG.warning(timer.functionName() + " failed: " + e.getCause());
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * Starts delivering in the background, in real time (dev mode), and fires the timers at once
     * (so that a restart heals what the last run left) and then every {@code timerInterval}.
     */
    public synchronized void start(Duration pollInterval, Duration timerInterval) {
        if (dispatcher != null) {
            return;
        }
        dispatcher = new Thread(() -> {
            Instant nextTimers = Instant.now();
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    if (!Instant.now().isBefore(nextTimers)) {
                        fireTimers();
                        nextTimers = Instant.now().plus(timerInterval);
                    }
                    if (deliverDue() == 0) {
                        Thread.sleep(pollInterval.toMillis());
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    LOG.warning("local dispatcher: " + e);
                }
            }
        }, "local-function-host");
        dispatcher.setDaemon(true);
        dispatcher.start();
    }

    public synchronized void stop() {
        if (dispatcher != null) {
            dispatcher.interrupt();
            dispatcher = null;
        }
    }

    /** Queue-triggered function executions so far (what Functions bills per execution). */
    public long executions() {
        return executions.get();
    }

    /** Their summed wall time, from the call to its settlement (what Functions bills as execution time). */
    public Duration executionTime() {
        return Duration.ofNanos(executionNanos.get());
    }

    /** Their summed wall time with each execution counted as at least {@link #BILLED_MINIMUM}. */
    public Duration billedExecutionTime() {
        return Duration.ofNanos(billedNanos.get());
    }

    private void invoke(Binding binding, InProcessStageQueue.Envelope envelope) {
        long start = System.nanoTime();
        try {
            call(binding, envelope);
        } finally {
            long nanos = System.nanoTime() - start;
            executions.incrementAndGet();
            executionNanos.addAndGet(nanos);
            billedNanos.addAndGet(Math.max(nanos, BILLED_MINIMUM.toNanos()));
        }
    }

    private void call(Binding binding, InProcessStageQueue.Envelope envelope) {
        try {
            binding.method().invoke(binding.target(), arguments(binding, envelope));
            queue.complete(envelope);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            LOG.info(binding.functionName() + " failed on delivery " + envelope.deliveryCount() + ": " + cause);
            queue.abandon(envelope, String.valueOf(cause));
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private Object[] arguments(Binding binding, InProcessStageQueue.Envelope envelope) {
        Parameter[] parameters = binding.method().getParameters();
        Object[] args = new Object[parameters.length];
        for (int i = 0; i < parameters.length; i++) {
            Parameter p = parameters[i];
            if (p.isAnnotationPresent(ServiceBusQueueTrigger.class)) {
                args[i] = envelope.message().body();
            } else if (p.isAnnotationPresent(BindingName.class)) {
                args[i] = switch (p.getAnnotation(BindingName.class).value()) {
                    case "MessageId" -> envelope.message().messageId();
                    case "DeliveryCount" -> envelope.deliveryCount();
                    case "ApplicationProperties" ->
                            new String(JobJson.write(envelope.properties()), StandardCharsets.UTF_8);
                    default -> null;
                };
            } else if (p.getType() == ExecutionContext.class) {
                args[i] = context(binding.functionName());
            }
        }
        return args;
    }

    private static Optional<String> triggerQueue(Method method) {
        if (!method.isAnnotationPresent(FunctionName.class)) {
            return Optional.empty();
        }
        for (Parameter p : method.getParameters()) {
            ServiceBusQueueTrigger trigger = p.getAnnotation(ServiceBusQueueTrigger.class);
            if (trigger != null) {
                return Optional.of(trigger.queueName());
            }
        }
        return Optional.empty();
    }

    private static boolean isTimer(Method method) {
        return method.isAnnotationPresent(FunctionName.class) && java.util.Arrays.stream(method.getParameters())
                .anyMatch(p -> p.isAnnotationPresent(TimerTrigger.class));
    }

    private static Class<?> unproxied(Class<?> type) {
        return type.getName().contains("_ClientProxy") || type.getName().contains("_Subclass")
                ? type.getSuperclass() : type;
    }

    private static ExecutionContext context(String functionName) {
        String invocationId = UUID.randomUUID().toString();
        return new ExecutionContext() {
            @Override
            public Logger getLogger() {
                return Logger.getLogger(functionName);
            }

            @Override
            public String getInvocationId() {
                return invocationId;
            }

            @Override
            public String getFunctionName() {
                return functionName;
            }

            @Override
            public TraceContext getTraceContext() {
                return null;
            }
        };
    }
}
