package dev.pmgate.support;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;

/** Plain Kafka clients for tests: produce requests with headers, read topics back in full. */
public final class KafkaTestClient implements AutoCloseable {

    private final String brokers;
    private final KafkaProducer<String, byte[]> producer;

    public KafkaTestClient(String brokers) {
        this.brokers = brokers;
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(p);
    }

    public void send(String topic, String key, String value, Map<String, String> headers) {
        send(topic, key, value == null ? null : value.getBytes(StandardCharsets.UTF_8), headers);
    }

    public void send(String topic, String key, byte[] value, Map<String, String> headers) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
        headers.forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        try {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends without waiting for the acknowledgement (load drivers); {@link #flush()} waits for all. */
    public void sendAsync(String topic, String key, String value, Map<String, String> headers) {
        ProducerRecord<String, byte[]> record =
                new ProducerRecord<>(topic, key, value.getBytes(StandardCharsets.UTF_8));
        headers.forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        producer.send(record);
    }

    public void flush() {
        producer.flush();
    }

    /** A reader of one topic from its beginning, accumulating every record it has seen. */
    public TopicReader reader(String topic) {
        return new TopicReader(brokers, topic);
    }

    @Override
    public void close() {
        producer.close();
    }

    public record Record(String key, String value, Map<String, String> headers) {
        public String dump() {
            return "key=" + key + " value=" + value + " headers=" + headers;
        }
    }

    public static final class TopicReader implements AutoCloseable {
        private final KafkaConsumer<String, byte[]> consumer;
        private final List<Record> seen = new CopyOnWriteArrayList<>();

        TopicReader(String brokers, String topic) {
            Properties p = new Properties();
            p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
            p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID());
            p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
            p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
            consumer = new KafkaConsumer<>(p);
            consumer.subscribe(List.of(topic));
        }

        public List<Record> poll() {
            pollNew();
            return new ArrayList<>(seen);
        }

        /** Only the records this poll returned (they are also kept in {@link #seen()}). */
        public List<Record> pollNew() {
            List<Record> fresh = new ArrayList<>();
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                Map<String, String> headers = new java.util.LinkedHashMap<>();
                for (Header h : r.headers()) {
                    headers.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
                }
                Record record = new Record(
                        r.key(), r.value() == null ? null : new String(r.value(), StandardCharsets.UTF_8), headers);
                seen.add(record);
                fresh.add(record);
                Outputs.record("KAFKA " + record.dump());
            }
            return fresh;
        }

        /** Polls until {@code count} records match, within the timeout, and returns them. */
        public List<Record> await(Predicate<Record> which, int count, Duration timeout) {
            Awaitility.await()
                    .atMost(timeout)
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> poll().stream().filter(which).count() >= count);
            return seen.stream().filter(which).toList();
        }

        public List<Record> seen() {
            return new ArrayList<>(seen);
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
