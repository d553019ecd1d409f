package com.znyw.console.jobs;

import com.znyw.console.audit.AuditService;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;
import org.apache.flink.kubernetes.operator.api.spec.JobState;
import org.apache.flink.kubernetes.operator.api.spec.UpgradeMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jobs as FlinkDeployment resources in one namespace, changed through the Kubernetes API; the
 * Flink Kubernetes Operator does the rest (savepoint on suspend, restore on resume, redeploy on
 * a parallelism change). Every change is audited.
 */
public class OperatorJobService implements JobService {

    private static final Logger LOG = LoggerFactory.getLogger(OperatorJobService.class);
    static final String TEMPLATE_LABEL = "znyw/template";

    private final KubernetesClient client;
    private final String namespace;
    private final String webUiUrlTemplate;
    private final AuditService audit;

    public OperatorJobService(KubernetesClient client, String namespace, String webUiUrlTemplate,
                              AuditService audit) {
        this.client = client;
        this.namespace = namespace;
        this.webUiUrlTemplate = webUiUrlTemplate;
        this.audit = audit;
    }

    @Override
    public boolean managesDeployments() {
        return true;
    }

    @Override
    public List<JobInfo> list() {
        return client.resources(FlinkDeployment.class).inNamespace(namespace).list().getItems()
                .stream().map(this::toInfo).toList();
    }

    @Override
    public List<String> templates() {
        return JobTemplates.NAMES;
    }

    @Override
    public JobInfo deploy(String actor, DeployRequest request) {
        request.check();
        FlinkDeployment deployment = client.getKubernetesSerialization()
                .unmarshal(JobTemplates.yaml(request.template()), FlinkDeployment.class);
        if (request.name() != null && !request.name().isBlank()) {
            deployment.getMetadata().setName(request.name());
        }
        deployment.getMetadata().setNamespace(namespace);
        deployment.getMetadata().getLabels().put(TEMPLATE_LABEL, request.template());
        deployment.getSpec().getJob().setParallelism(request.parallelism());
        deployment.getSpec().getJob().setState(JobState.RUNNING);
        var resource = deployment.getSpec().getTaskManager().getResource();
        if (resource == null) {
            resource = new org.apache.flink.kubernetes.operator.api.spec.Resource();
            deployment.getSpec().getTaskManager().setResource(resource);
        }
        resource.setMemory(request.taskManagerMemory());
        resource.setCpu(request.taskManagerCpu());
        String name = deployment.getMetadata().getName();
        try {
            FlinkDeployment created = client.resources(FlinkDeployment.class).inNamespace(namespace)
                    .resource(deployment).create();
            audit.record(actor, "job.deploy", name, "ok", "template=" + request.template()
                    + " parallelism=" + request.parallelism() + " tm=" + request.taskManagerMemory()
                    + "/" + request.taskManagerCpu());
            LOG.info("Deployed FlinkDeployment name={} namespace={} template={} parallelism={} by={}",
                    name, namespace, request.template(), request.parallelism(), actor);
            return toInfo(created);
        } catch (KubernetesClientException e) {
            audit.record(actor, "job.deploy", name, "failed", e.getMessage());
            if (e.getCode() == 409) {
                throw new IllegalStateException("a job named '" + name + "' already exists in namespace "
                        + namespace + ": choose another name or change the existing job");
            }
            throw e;
        }
    }

    @Override
    public JobInfo suspend(String actor, String name) {
        return change(actor, name, "job.suspend", "state=suspended upgradeMode=savepoint", d -> {
            d.getSpec().getJob().setUpgradeMode(UpgradeMode.SAVEPOINT);
            d.getSpec().getJob().setState(JobState.SUSPENDED);
            return d;
        });
    }

    @Override
    public JobInfo resume(String actor, String name) {
        return change(actor, name, "job.resume", "state=running", d -> {
            d.getSpec().getJob().setState(JobState.RUNNING);
            return d;
        });
    }

    @Override
    public JobInfo scale(String actor, String name, int parallelism) {
        if (parallelism < 1 || parallelism > 256) {
            throw new IllegalArgumentException("parallelism " + parallelism + " is out of range: use 1 to 256");
        }
        return change(actor, name, "job.scale", "parallelism=" + parallelism, d -> {
            d.getSpec().getJob().setParallelism(parallelism);
            return d;
        });
    }

    private JobInfo change(String actor, String name, String action, String detail,
                           UnaryOperator<FlinkDeployment> edit) {
        Resource<FlinkDeployment> resource = client.resources(FlinkDeployment.class)
                .inNamespace(namespace).withName(name);
        if (resource.get() == null) {
            audit.record(actor, action, name, "failed", "not found");
            throw new JobNotFoundException(name, "namespace " + namespace);
        }
        FlinkDeployment changed = resource.edit(edit);
        audit.record(actor, action, name, "ok", detail);
        LOG.info("Changed FlinkDeployment name={} namespace={} action={} {} by={}", name, namespace,
                action, detail, actor);
        return toInfo(changed);
    }

    private JobInfo toInfo(FlinkDeployment d) {
        String name = d.getMetadata().getName();
        var job = d.getSpec().getJob();
        var status = d.getStatus();
        String jobState = null;
        String jobId = null;
        String startTime = null;
        String lifecycle = null;
        if (status != null) {
            if (status.getJobStatus() != null) {
                jobState = status.getJobStatus().getState() == null ? null
                        : status.getJobStatus().getState().name();
                jobId = status.getJobStatus().getJobId();
                startTime = status.getJobStatus().getStartTime();
            }
            lifecycle = status.getLifecycleState() == null ? null : status.getLifecycleState().name();
        }
        if (jobState == null && job != null && job.getState() != null) {
            jobState = job.getState().name();
        }
        var tm = d.getSpec().getTaskManager() == null ? null : d.getSpec().getTaskManager().getResource();
        String template = d.getMetadata().getLabels() == null ? null
                : d.getMetadata().getLabels().get(TEMPLATE_LABEL);
        return new JobInfo(name, jobId, jobState, lifecycle, job == null ? null : job.getParallelism(),
                tm == null ? null : tm.getMemory(), tm == null ? null : tm.getCpu(), template, startTime,
                webUiUrlTemplate.replace("{name}", name).replace("{namespace}", namespace));
    }
}
