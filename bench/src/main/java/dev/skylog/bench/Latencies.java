package dev.skylog.bench;

import java.util.Arrays;

/** Latencies of one kind of request, in milliseconds. */
record Latencies(String name, double[] millis) {

	double percentile(double p) {
		double[] sorted = this.millis.clone();
		Arrays.sort(sorted);
		int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
	}

	String row() {
		return String.format("| %s | %d | %.1f ms | %.1f ms |", this.name, this.millis.length, percentile(50),
				percentile(99));
	}

}
