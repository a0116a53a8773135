package dev.skylog.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A process the stack started, with its output in a log file. Stopping it sends SIGTERM first so Spring Boot's
 * graceful shutdown and Kafka's controlled shutdown run, and kills what is left after a grace period.
 */
final class ChildProcess {

	private final String name;

	private final Process process;

	private final Path log;

	private ChildProcess(String name, Process process, Path log) {
		this.name = name;
		this.process = process;
		this.log = log;
	}

	static ChildProcess start(String name, List<String> command, Path workingDirectory, Map<String, String> environment,
			Path log) {
		return start(name, command, workingDirectory, environment, log, ProcessBuilder.Redirect.to(log.toFile()));
	}

	static ChildProcess startAppending(String name, List<String> command, Path workingDirectory,
			Map<String, String> environment, Path log) {
		return start(name, command, workingDirectory, environment, log, ProcessBuilder.Redirect.appendTo(log.toFile()));
	}

	private static ChildProcess start(String name, List<String> command, Path workingDirectory,
			Map<String, String> environment, Path log, ProcessBuilder.Redirect output) {
		try {
			Files.createDirectories(log.getParent());
			// A session of its own: Ctrl-C reaches only the stack, which then stops its children in order
			// (services before the broker they flush to) instead of everything dying at once.
			List<String> detached = new java.util.ArrayList<>(List.of("setsid"));
			detached.addAll(command);
			ProcessBuilder builder = new ProcessBuilder(detached).directory(workingDirectory.toFile())
				.redirectErrorStream(true)
				.redirectOutput(output);
			builder.environment().putAll(environment);
			return new ChildProcess(name, builder.start(), log);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start " + name + ": " + command, ex);
		}
	}

	static ChildProcess adopt(String name, Process process, Path log) {
		return new ChildProcess(name, process, log);
	}

	String name() {
		return this.name;
	}

	Path log() {
		return this.log;
	}

	long pid() {
		return this.process.pid();
	}

	boolean awaitExit(java.time.Duration timeout) {
		try {
			return this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	int exitValue() {
		return this.process.exitValue();
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	/** SIGKILL, as a crash or an out-of-memory kill ends a pod: no shutdown hook runs. */
	void kill() {
		this.process.destroyForcibly();
		try {
			this.process.waitFor(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	void stop() {
		List<ProcessHandle> descendants = this.process.descendants().toList();
		this.process.destroy();
		try {
			if (!this.process.waitFor(25, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
		descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
	}

}
