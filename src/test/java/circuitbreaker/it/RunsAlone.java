package circuitbreaker.it;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A test class that loads the whole machine (a benchmark): no other test class runs beside it. See {@link TestClassesShareTheMachine}. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@interface RunsAlone {
}
