package jp.kenshin.outreach.infrastructure;

import java.util.Arrays;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.stereotype.Component;

/**
 * The application's tables come from Flyway, the engine's from Camunda's own schema update.
 * Flyway must see the schema first, or it finds a non-empty schema without its history table.
 */
@Component
class FlywayBeforeEngine implements BeanFactoryPostProcessor {

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        if (!beanFactory.containsBeanDefinition("flywayInitializer")) {
            return;
        }
        for (String name : new String[] {"processEngineConfigurationImpl", "processEngineFactoryBean", "processEngine"}) {
            if (beanFactory.containsBeanDefinition(name)) {
                BeanDefinition definition = beanFactory.getBeanDefinition(name);
                String[] dependsOn = definition.getDependsOn() == null ? new String[0] : definition.getDependsOn();
                String[] extended = Arrays.copyOf(dependsOn, dependsOn.length + 1);
                extended[dependsOn.length] = "flywayInitializer";
                definition.setDependsOn(extended);
            }
        }
    }
}
