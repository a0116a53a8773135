package dev.skylog.events.history;

import java.util.function.Consumer;

/**
 * Runs a check over many generated histories: 500 by default ({@code -Dskylog.history.runs=N}), from a random
 * seed unless {@code -Dskylog.history.seed=S} repeats one. A failure names the seed and shows the history.
 */
public final class HistoryRuns {

	private HistoryRuns() {
	}

	public static void run(Consumer<GeneratedHistory> check) {
		int runs = Integer.getInteger("skylog.history.runs", 500);
		Long fixed = Long.getLong("skylog.history.seed");
		long first = (fixed != null) ? fixed : new java.util.Random().nextLong();
		for (int i = 0; i < ((fixed != null) ? 1 : runs); i++) {
			GeneratedHistory history = GeneratedHistory.generate(first + i);
			try {
				check.accept(history);
			}
			catch (AssertionError | RuntimeException failure) {
				throw new AssertionError("history " + (i + 1) + " of " + runs + " failed; repeat it with -Dskylog.history.seed="
						+ history.seed() + "\n" + history + "\n" + failure.getMessage(), failure);
			}
		}
	}

}
