package jp.kenshin.outreach;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The ward's outreach workflow for the specific health checkup (特定健康診査受診勧奨). */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class KenshinOutreachApplication {

    public static void main(String[] args) {
        SpringApplication.run(KenshinOutreachApplication.class, args);
    }
}
