package dev.baton.server;

import dev.baton.engine.Engine;

/**
 * What the server asks of the engine running beside it: look for work now. (A cancel needs no call:
 * the engine hears of it from the event the task service stores.)
 */
public interface EngineControl {
    void wake();

    /** No engine in this process (another process runs it); it finds new work by polling. */
    EngineControl NONE = new EngineControl() {
        @Override
        public void wake() {}
    };

    static EngineControl of(Engine engine) {
        return new EngineControl() {
            @Override
            public void wake() {
                engine.wake();
            }
        };
    }
}
