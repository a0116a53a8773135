package dev.skylog.gateway;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.skylog.testkit.service.ServiceContract;

/** Boots the whole service against real dependencies and checks what operators rely on. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayApplicationTests implements ServiceContract {

	@LocalServerPort
	int port;

	@Override
	public int port() {
		return this.port;
	}

	@Override
	public String applicationName() {
		return "gateway";
	}

}
