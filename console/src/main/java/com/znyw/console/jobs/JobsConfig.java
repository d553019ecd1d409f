package com.znyw.console.jobs;

import com.znyw.console.audit.AuditService;
import com.znyw.console.config.ZnywProperties;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Picks the job back end: FlinkDeployments when {@code znyw.kubernetes.enabled=true} (the
 * client reads the in-cluster service account or {@code ~/.kube/config}), else the Flink REST API.
 */
@Configuration
public class JobsConfig {

    private static final Logger LOG = LoggerFactory.getLogger(JobsConfig.class);

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "znyw.kubernetes.enabled", havingValue = "true")
    @ConditionalOnMissingBean
    KubernetesClient kubernetesClient() {
        return new KubernetesClientBuilder().build();
    }

    @Bean
    @ConditionalOnProperty(name = "znyw.kubernetes.enabled", havingValue = "true")
    JobService operatorJobService(KubernetesClient client, ZnywProperties properties, AuditService audit) {
        LOG.info("Jobs are FlinkDeployments in namespace {}", properties.kubernetes().namespace());
        return new OperatorJobService(client, properties.kubernetes().namespace(),
                properties.kubernetes().webUiUrlTemplate(), audit);
    }

    @Bean
    @ConditionalOnProperty(name = "znyw.kubernetes.enabled", havingValue = "false", matchIfMissing = true)
    JobService flinkRestJobService(ZnywProperties properties) {
        LOG.info("Jobs are read from the Flink REST API at {}", properties.flink().restUrl());
        return new FlinkRestJobService(properties.flink().restUrl(), properties.flink().webUiUrl(),
                properties.flink().requestTimeout());
    }
}
