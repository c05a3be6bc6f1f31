package circuitbreaker.platform;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/** Catches what a {@link FailsAlone} listener throws, so the one who announced never hears of it. */
@FailsAlone
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE)
public class FailsAloneInterceptor {

    @Inject
    Faults faults;

    @AroundInvoke
    Object contain(InvocationContext invocation) {
        var method = invocation.getMethod();
        Object[] result = new Object[1]; // a listener returns nothing; anything else gets what it returned, or null
        faults.contain(method.getDeclaringClass().getSimpleName() + "." + method.getName(),
                () -> result[0] = invocation.proceed());
        return result[0];
    }
}
