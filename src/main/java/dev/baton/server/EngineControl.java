package dev.baton.server;

import dev.baton.core.TaskId;
import dev.baton.engine.Engine;

/** What the server asks of the engine running beside it: look for work now, stop a task's runs. */
public interface EngineControl {
    void wake();

    void stopRuns(TaskId task);

    /** No engine in this process (another process runs it); it finds new work by polling. */
    EngineControl NONE = new EngineControl() {
        @Override
        public void wake() {}

        @Override
        public void stopRuns(TaskId task) {}
    };

    static EngineControl of(Engine engine) {
        return new EngineControl() {
            @Override
            public void wake() {
                engine.wake();
            }

            @Override
            public void stopRuns(TaskId task) {
                engine.cancel(task);
            }
        };
    }
}
