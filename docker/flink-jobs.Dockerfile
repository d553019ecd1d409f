# Image of the Flink jobs for the Flink Kubernetes Operator: the official Flink image plus the
# job jar at the path the FlinkDeployment resources name (local:///opt/flink/usrlib/...).
# Build after: ./mvnw -B -Pcluster-jar -DskipTests package
FROM flink:1.20.5-java17
COPY flink-jobs/target/znyw-flink-jobs-*-cluster.jar /opt/flink/usrlib/znyw-flink-jobs.jar
