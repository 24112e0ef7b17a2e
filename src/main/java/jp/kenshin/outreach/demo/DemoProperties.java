package jp.kenshin.outreach.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The demo: users for every group, and a generated ward of synthetic people. Never for production. */
@ConfigurationProperties("kenshin.demo")
public record DemoProperties(boolean enabled, Integer members, Long seed) {

    public DemoProperties {
        members = members == null ? 200_000 : members;
        seed = seed == null ? 20260401L : seed;
    }
}
