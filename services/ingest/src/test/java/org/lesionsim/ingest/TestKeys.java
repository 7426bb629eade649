package org.lesionsim.ingest;

/** The test keys whose SHA-256 the {@code %test} profile configures (application.properties). */
final class TestKeys {
    /** id test-hospital, role ingest */
    static final String HOSPITAL = "test-ingest-key-3f9a1c";
    static final String HOSPITAL_ID = "test-hospital";
    /** id test-hospital-b, role ingest */
    static final String OTHER_HOSPITAL = "test-ingest-key-b-77e2";
    /** id test-researcher, role researcher */
    static final String RESEARCHER = "test-researcher-key-5d20";
    /** id test-operator, role operator */
    static final String OPERATOR = "test-operator-key-c41e";

    static final String[] ALL = {HOSPITAL, OTHER_HOSPITAL, RESEARCHER, OPERATOR};

    private TestKeys() {
    }
}
