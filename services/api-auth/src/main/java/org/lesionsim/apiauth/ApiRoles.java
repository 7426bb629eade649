package org.lesionsim.apiauth;

import java.util.Set;

/** The roles an API key can hold. */
public final class ApiRoles {
    /** Hospital systems: submit cases, read their own cases' results. */
    public static final String INGEST = "ingest";
    /** Researchers: read results. */
    public static final String RESEARCHER = "researcher";
    /** Operators: read everything, run imports. */
    public static final String OPERATOR = "operator";

    public static final Set<String> ALL = Set.of(INGEST, RESEARCHER, OPERATOR);

    private ApiRoles() {
    }
}
