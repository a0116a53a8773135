package dev.skylog.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
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
		assertThat(Promtool.run(RULES, "check", "rules", "skylog-alerts.yml")).contains("SUCCESS: 7 rules found");
	}

	@Test
	void everyAlertHasAUnitTestAndEveryTestPasses() throws Exception {
		String rules = Files.readString(RULES.resolve("skylog-alerts.yml"));
		String tests = Files.readString(RULES.resolve("skylog-alerts.test.yml"));
		Matcher alerts = Pattern.compile("- alert: (\\w+)").matcher(rules);
		while (alerts.find()) {
			assertThat(tests).as("a unit test of " + alerts.group(1)).contains("alertname: " + alerts.group(1));
		}

		assertThat(Promtool.run(RULES, "test", "rules", "skylog-alerts.test.yml")).contains("SUCCESS");
	}

}
