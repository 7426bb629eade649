package org.lesionsim.events;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A record component added to an event after events without it were written: {@link EventCodec}
 * decodes such an event with the component null instead of rejecting it as missing (every other
 * component must still be present, null or not). Its schema leaves the field out of {@code required}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD})
public @interface NullWhenAbsent {
}
