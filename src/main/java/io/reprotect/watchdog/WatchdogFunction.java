package io.reprotect.watchdog;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.TimerTrigger;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The timer that runs the {@link Watchdog}: nothing stays stuck because a message was lost. */
@ApplicationScoped
public class WatchdogFunction {

    @Inject
    Watchdog watchdog;

    @FunctionName("watchdog")
    public void tick(@TimerTrigger(name = "timer", schedule = Watchdog.SCHEDULE) String timerInfo,
            ExecutionContext context) {
        watchdog.run();
    }
}
