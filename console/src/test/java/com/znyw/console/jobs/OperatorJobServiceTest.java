package com.znyw.console.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.znyw.console.audit.AuditService;
import com.znyw.embedded.EmbeddedMongo;
import com.znyw.embedded.EmbeddedServicesExtension;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Clock;
import java.util.UUID;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;
import org.apache.flink.kubernetes.operator.api.spec.JobState;
import org.apache.flink.kubernetes.operator.api.spec.UpgradeMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Deploy, suspend, resume and scale against fabric8's mock API server in CRUD mode, checking
 * the FlinkDeployment specs the operator would act on, and the audit entries in a real MongoDB.
 */
@EnableKubernetesMockClient(crud = true)
@ExtendWith(EmbeddedServicesExtension.class)
class OperatorJobServiceTest {

    private static final String NAMESPACE = "znyw-test";

    static KubernetesClient client;

    private MongoClient mongo;
    private MongoDatabase database;
    private OperatorJobService jobs;

    @BeforeEach
    void setUp(EmbeddedMongo server) {
        mongo = MongoClients.create(server.connectionString());
        database = mongo.getDatabase("jobs_" + UUID.randomUUID().toString().replace("-", ""));
        jobs = new OperatorJobService(client, NAMESPACE, "https://flink.example/{namespace}/{name}/",
                new AuditService(database, Clock.systemUTC()));
    }

    @AfterEach
    void tearDown() {
        client.resources(FlinkDeployment.class).inNamespace(NAMESPACE).delete();
        database.drop();
        mongo.close();
    }

    private FlinkDeployment stored(String name) {
        return client.resources(FlinkDeployment.class).inNamespace(NAMESPACE).withName(name).get();
    }

    @Test
    void deployFromTemplateAppliesTheOperatorsChoices() {
        JobInfo info = jobs.deploy("op1", new DeployRequest("detection", "det-a", 6, "4g", 2.5));

        FlinkDeployment deployment = stored("det-a");
        assertThat(deployment).isNotNull();
        assertThat(deployment.getSpec().getJob().getEntryClass())
                .isEqualTo("com.znyw.jobs.detection.DetectionJob");
        assertThat(deployment.getSpec().getJob().getParallelism()).isEqualTo(6);
        assertThat(deployment.getSpec().getJob().getState()).isEqualTo(JobState.RUNNING);
        assertThat(deployment.getSpec().getJob().getUpgradeMode()).isEqualTo(UpgradeMode.SAVEPOINT);
        assertThat(deployment.getSpec().getTaskManager().getResource().getMemory()).isEqualTo("4g");
        assertThat(deployment.getSpec().getTaskManager().getResource().getCpu()).isEqualTo(2.5);
        assertThat(deployment.getMetadata().getLabels()).containsEntry("znyw/template", "detection");
        assertThat(info.webUiUrl()).isEqualTo("https://flink.example/znyw-test/det-a/");
        assertThat(jobs.list()).extracting(JobInfo::name).containsExactly("det-a");
        assertThat(database.getCollection(AuditService.COLLECTION)
                .countDocuments(Filters.and(Filters.eq("action", "job.deploy"), Filters.eq("target", "det-a"),
                        Filters.eq("actor", "op1")))).isEqualTo(1);
    }

    @Test
    void suspendResumeAndScale() {
        jobs.deploy("op1", new DeployRequest("discovery", "", 1, "1024m", 0.5));
        assertThat(stored("znyw-discovery")).isNotNull();

        JobInfo suspended = jobs.suspend("op1", "znyw-discovery");
        FlinkDeployment afterSuspend = stored("znyw-discovery");
        assertThat(afterSuspend.getSpec().getJob().getState()).isEqualTo(JobState.SUSPENDED);
        assertThat(afterSuspend.getSpec().getJob().getUpgradeMode()).isEqualTo(UpgradeMode.SAVEPOINT);
        assertThat(suspended.state()).isEqualTo("SUSPENDED");

        jobs.resume("op1", "znyw-discovery");
        FlinkDeployment afterResume = stored("znyw-discovery");
        assertThat(afterResume.getSpec().getJob().getState()).isEqualTo(JobState.RUNNING);
        assertThat(afterResume.getSpec().getJob().getEntryClass())
                .isEqualTo("com.znyw.jobs.discovery.DiscoveryJob");

        jobs.scale("op1", "znyw-discovery", 3);
        assertThat(stored("znyw-discovery").getSpec().getJob().getParallelism()).isEqualTo(3);
        assertThat(database.getCollection(AuditService.COLLECTION).distinct("action", String.class)
                .into(new java.util.ArrayList<>()))
                .contains("job.deploy", "job.suspend", "job.resume", "job.scale");
    }

    @Test
    void badRequestsNameTheValue() {
        assertThatThrownBy(() -> jobs.deploy("op1", new DeployRequest("nightly", "", 1, "1g", 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'nightly'");
        assertThatThrownBy(() -> jobs.deploy("op1", new DeployRequest("detection", "", 0, "1g", 1)))
                .hasMessageContaining("parallelism 0");
        assertThatThrownBy(() -> jobs.deploy("op1", new DeployRequest("detection", "", 2, "lots", 1)))
                .hasMessageContaining("'lots'");
        assertThatThrownBy(() -> jobs.deploy("op1", new DeployRequest("detection", "Bad_Name", 2, "1g", 1)))
                .hasMessageContaining("'Bad_Name'");
        assertThatThrownBy(() -> jobs.suspend("op1", "missing-job"))
                .isInstanceOf(JobNotFoundException.class).hasMessageContaining("'missing-job'");
        assertThatThrownBy(() -> jobs.scale("op1", "missing-job", 999))
                .hasMessageContaining("parallelism 999");

        jobs.deploy("op1", new DeployRequest("detection", "twice", 1, "1g", 1));
        assertThatThrownBy(() -> jobs.deploy("op1", new DeployRequest("detection", "twice", 1, "1g", 1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("'twice' already exists");
    }
}
