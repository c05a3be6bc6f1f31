package circuitbreaker.platform;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a listener whose fault must stay its own: whoever announced the event, and every other listener of it, goes
 * on as if it had succeeded (see {@link Faults}).
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE}) // TYPE for the interceptor's own class; put it on listeners
public @interface FailsAlone {
}
