package dev.skylog.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The alert rules, checked by Prometheus' own promtool (Debian's prometheus package; {@code .ci/run} installs
 * it): they parse, and every alert has a unit test that fires it with exactly the labels and text expected.
 */
class PrometheusRulesTests {

	static final Path RULES = Path.of("prometheus");

	@Test
	void theRulesParse() throws Exception {
		assertThat(promtool("check", "rules", "skylog-alerts.yml")).contains("SUCCESS: 6 rules found");
	}

	@Test
	void everyAlertHasAUnitTestAndEveryTestPasses() throws Exception {
		String rules = Files.readString(RULES.resolve("skylog-alerts.yml"));
		String tests = Files.readString(RULES.resolve("skylog-alerts.test.yml"));
		Matcher alerts = Pattern.compile("- alert: (\\w+)").matcher(rules);
		while (alerts.find()) {
			assertThat(tests).as("a unit test of " + alerts.group(1)).contains("alertname: " + alerts.group(1));
		}

		assertThat(promtool("test", "rules", "skylog-alerts.test.yml")).contains("SUCCESS");
	}

	private static String promtool(String... arguments) throws IOException, InterruptedException {
		List<String> command = new java.util.ArrayList<>(List.of("promtool"));
		command.addAll(List.of(arguments));
		Process process;
		try {
			process = new ProcessBuilder(command).directory(RULES.toFile()).redirectErrorStream(true).start();
		}
		catch (IOException ex) {
			throw new AssertionError("promtool is missing: install Debian's prometheus package (.ci/run does)", ex);
		}
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor()).as(output).isZero();
		return output;
	}

}
