package io.lockstep.edge.testing;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit extension that starts a {@link FakeC2} before each test and closes it after the test (and after the test's
 * own {@code @AfterEach} methods), once what the subclass connected to it is closed.
 */
public abstract class FakeC2PerTest implements BeforeEachCallback, AfterEachCallback {
    private FakeC2 c2;

    @Override
    public final void beforeEach(ExtensionContext context) throws Exception {
        c2 = new FakeC2();
    }

    @Override
    public final void afterEach(ExtensionContext context) throws Exception {
        try {
            closeClients();
        } finally {
            c2.close();
        }
    }

    /** Closes what the test connected to C2 (a node, a link), if anything. */
    protected abstract void closeClients() throws Exception;

    public FakeC2 c2() {
        return c2;
    }
}
