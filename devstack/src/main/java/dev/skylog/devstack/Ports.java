package dev.skylog.devstack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

final class Ports {

	private Ports() {
	}

	static boolean listening(String host, int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host, port), 300);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	static void awaitListening(String what, ChildProcess process, String host, int port, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (listening(host, port)) {
				return;
			}
			if (!process.isAlive()) {
				throw new IllegalStateException(what + " exited; see " + process.log());
			}
			sleep(Duration.ofMillis(200));
		}
		throw new IllegalStateException(what + " not listening on " + port + " after " + timeout + "; see " + process.log());
	}

	static void requireFree(String what, int port) {
		if (listening("127.0.0.1", port)) {
			throw new IllegalStateException("Port " + port + " (" + what + ") is taken: is another stack running?");
		}
	}

	static void sleep(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
