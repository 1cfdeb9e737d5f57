package dev.pmgate.kafka;

import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.kafka.consumer.DefaultKafkaManualCommit;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetCommitCallback;

/**
 * Commits the record's offset — only after its result or dead letter has been written.
 *
 * <p>The commit is asynchronous (issue 13): it is handed to the consumer's {@code commitAsync} instead of
 * waiting one broker round trip per record with {@code commitSync}. Why the guarantees hold (SPEC §4–§5):
 * <ul>
 *   <li>This step runs only after the {@code acks=all} write of the result or dead letter has returned,
 *       so an offset is never committed, nor even sent, ahead of its answer.</li>
 *   <li>Only this step commits: the route keeps Camel's default commit manager, which commits nothing by
 *       itself (Camel's async commit factory would also commit, on a rebalance or stop, the offset of a
 *       record that finished without reaching this step).</li>
 *   <li>A commit that does not land (the process dies first, a rebalance, a broker error — logged below)
 *       only means the record is delivered again: at least once. A redelivered create finds its order by
 *       its client order id and is answered {@code duplicate:true}; no second order is placed.</li>
 *   <li>Only the last record of its partition in each poll (at most {@code maxPollRecords} = 10) commits, its
 *       offset covering the records before it, which were answered first (issue 13: a commit per record
 *       was a broker request per record, on the gateway's consumer and the broker alike). A process that
 *       dies, or a rebalance, in the middle of a poll's records redelivers at most those records: at least
 *       once, as above. A record that fails without an answer (a crash, not an error result) commits
 *       nothing; the consumer re-reads from it ({@code breakOnFirstError}).</li>
 *   <li>One partition is read by one consumer thread, record after record, so its commits are sent in
 *       offset order and a later commit covers an earlier one that was lost. A consumer that closes
 *       (graceful stop) first waits for its pending asynchronous commits; one still in flight during a
 *       rebalance lands or not, and either way the record is answered at least once, ordered once.</li>
 * </ul>
 */
class KafkaOffsetCommitter implements Processor {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(KafkaOffsetCommitter.class);

    /** Only topic, partition and offset are logged: never a record's key, value or headers. */
    private static final OffsetCommitCallback ON_COMMIT = (offsets, failure) -> {
        if (failure != null) {
            LOG.warn(
                    "asynchronous offset commit failed for {} ({}): those records will be delivered again",
                    offsets,
                    failure.getClass().getSimpleName());
        }
    };

    @Override
    public void process(Exchange exchange) {
        if (Boolean.FALSE.equals(exchange.getProperty(KafkaRequestReader.LAST_OF_POLL))) {
            return; // a later record of the same partition and poll commits past this one
        }
        KafkaManualCommit commit = exchange.getProperty(KafkaRequestReader.COMMIT, KafkaManualCommit.class);
        if (commit instanceof DefaultKafkaManualCommit record) {
            // the consumer thread is parked until this exchange completes: no concurrent use of the consumer
            record.getConsumer()
                    .commitAsync(
                            Map.of(record.getPartition(), new OffsetAndMetadata(record.getRecordOffset() + 1)),
                            ON_COMMIT);
        } else if (commit != null) {
            commit.commit();
        }
    }
}
