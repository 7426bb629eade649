package org.lesionsim.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** HAM10000's diagnosis classes ({@code dx}); lesionsim works on {@link #NV} and {@link #MEL}. */
public enum Diagnosis {
    NV, MEL, BKL, BCC, AKIEC, VASC, DF;

    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Diagnosis fromCode(String code) {
        try {
            return valueOf(code.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException("unknown diagnosis code '" + code + "' (expected one of nv, mel, bkl, bcc, akiec, vasc, df)");
        }
    }
}
