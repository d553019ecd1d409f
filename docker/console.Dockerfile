# Image of the console in Vaadin production mode. Build after:
#   ./mvnw -B -Pproduction -DskipTests package
FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 znyw
USER znyw
WORKDIR /app
COPY console/target/znyw-console-*-boot.jar /app/console.jar
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/console.jar", "--server.address=0.0.0.0"]
