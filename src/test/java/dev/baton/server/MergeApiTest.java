package dev.baton.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.testing.GitRepos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MergeApiTest {
    @TempDir
    Path dir;

    ServerFixture f;

    @BeforeEach
    void start() {
        f = new ServerFixture(dir.resolve("home"));
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void aCompletedBranchIsMergedIntoItsBase() throws Exception {
        Path repo = GitRepos.create(dir.resolve("repo"));
        Files.createDirectories(repo.resolve(".baton"));
        Files.writeString(
                repo.resolve(".baton/config.yaml"), "autonomy: full\n"); // untracked: the checkout stays clean
        String id = f.post(
                        "/api/tasks",
                        JsonSupport.write(Map.of(
                                "text",
                                "printf 'merged over rest\\n' > NOTES.md",
                                "repo",
                                repo.toString(),
                                "type",
                                "shell")))
                .json()
                .get("id")
                .asText();
        f.awaitStatus(id, "completed");

        var merged = f.post("/api/merges", JsonSupport.write(Map.of("project", repo.toString())));

        assertThat(merged.status()).as(merged.body()).isEqualTo(200);
        JsonNode steps = merged.json().get("steps");
        assertThat(steps).hasSize(1);
        assertThat(steps.get(0).get("task").asText()).isEqualTo(id);
        assertThat(steps.get(0).get("outcome").asText()).isEqualTo("merged");
        assertThat(steps.get(0).get("branch").asText()).startsWith("baton/" + id);
        assertThat(GitRepos.git(repo, "show", "main:NOTES.md")).isEqualTo("merged over rest");

        var again = f.post("/api/merges", JsonSupport.write(Map.of("project", repo.toString())));
        assertThat(again.json().get("steps").get(0).get("outcome").asText()).isEqualTo("already merged");
    }

    @Test
    void theProjectMustBeAGitRepositoryOnTheServer() throws Exception {
        var missing = f.post("/api/merges", "{}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.error()).contains("project is required");

        var relative = f.post("/api/merges", "{\"project\": \"repo\"}");
        assertThat(relative.status()).isEqualTo(400);
        assertThat(relative.error()).contains("project must be an absolute path");

        Path nowhere = dir.resolve("nowhere");
        var absent = f.post("/api/merges", JsonSupport.write(Map.of("project", nowhere.toString())));
        assertThat(absent.status()).isEqualTo(422);
        assertThat(absent.error()).contains(nowhere + " is not a folder");

        Path plain = Files.createDirectories(dir.resolve("plain"));
        var notGit = f.post("/api/merges", JsonSupport.write(Map.of("project", plain.toString())));
        assertThat(notGit.status()).isEqualTo(422);
        assertThat(notGit.error()).contains("not a git repository");
    }
}
