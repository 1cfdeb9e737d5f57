# Builds the gateway jar inside the image so `docker compose up --build` needs nothing else.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
COPY src src
RUN ./mvnw -B -q package -DskipTests

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 pmgate
WORKDIR /app
COPY --from=build /src/target/pmgate-*.jar /app/pmgate.jar
COPY routes /app/routes
USER pmgate
EXPOSE 8080
ENV PMGATE_ROUTES_DIR=/app/routes
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/pmgate.jar"]
