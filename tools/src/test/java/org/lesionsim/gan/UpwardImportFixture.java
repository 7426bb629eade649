package org.lesionsim.gan;

import org.lesionsim.progression.WalkSchedule;

/** A class in gan that uses the walk above it: {@code ModuleLayeringTest} must reject it. Test-only. */
final class UpwardImportFixture {
    private UpwardImportFixture() {
    }

    static String schedule(WalkSchedule schedule) {
        return schedule.toString();
    }
}
