package dev.baton.schedule;

import dev.baton.agent.AgentRegistry;
import dev.baton.core.InvalidInputException;
import dev.baton.store.Schedule;
import dev.baton.store.ScheduleStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.HexFormat;
import java.util.List;

/** Adds, lists and removes schedules, checking what users give. Thread-safe. */
public final class Schedules {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ScheduleStore store;
    private final AgentRegistry agents;
    private final Clock clock;
    private final java.time.ZoneId zone;

    /** @param zone the zone cron times are read in (the machine's) */
    public Schedules(ScheduleStore store, AgentRegistry agents, Clock clock, java.time.ZoneId zone) {
        this.store = store;
        this.agents = agents;
        this.clock = clock;
        this.zone = zone;
    }

    /**
     * Adds a schedule after checking its cron expression, window, agent and repository.
     *
     * @param agent an agent name, or null for routing to choose
     * @param repo a git repository, or null for a scratch folder
     * @param window {@code HH:MM-HH:MM}, or null for any time
     */
    public Schedule add(String cron, String prompt, String agent, Path repo, String window) {
        CronExpression expression = CronExpression.parse(cron);
        expression.next(clock.instant().atZone(zone)); // one that never fires (31 February) is refused now
        if (prompt == null || prompt.isBlank()) {
            throw new InvalidInputException("the schedule has no task text; say what should be done");
        }
        if (window != null) StartWindow.parse(window);
        if (agent != null) agents.require(agent);
        String repoPath = null;
        if (repo != null) {
            Path dir = repo.toAbsolutePath().normalize();
            if (!Files.isDirectory(dir.resolve(".git")) && !Files.isRegularFile(dir.resolve(".git"))) {
                throw new InvalidInputException(dir + " is not a git repository; give --repo the folder of one");
            }
            repoPath = dir.toString();
        }
        byte[] bytes = new byte[3];
        RANDOM.nextBytes(bytes);
        Schedule schedule = new Schedule(
                "s-" + HexFormat.of().formatHex(bytes),
                expression.toString(),
                prompt.strip(),
                agent,
                repoPath,
                window == null ? null : StartWindow.parse(window).toString(),
                clock.instant(),
                null,
                null);
        store.insert(schedule);
        return schedule;
    }

    public List<Schedule> list() {
        return store.list();
    }

    public void remove(String id) {
        store.remove(id);
    }

    /** When the schedule's cron next matches after its last firing (or its creation), in the schedules' zone. */
    public ZonedDateTime nextTime(Schedule s) {
        var since = s.lastFiredAt() != null ? s.lastFiredAt() : s.createdAt();
        return CronExpression.parse(s.cron()).next(since.atZone(zone));
    }

    /** When the schedule fires, in plain English, such as "at 02:00". */
    public String description(Schedule s) {
        return CronExpression.parse(s.cron()).description();
    }
}
