package org.lesionsim.gan;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** One base NDManager per test class, closed after it, so no test leaks native memory into the next. */
public abstract class DjlTestBase {
    protected static NDManager manager;

    @BeforeAll
    static void openManager() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void closeManager() {
        manager.close();
    }
}
