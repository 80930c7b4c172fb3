package by.butb.cluster;

import io.aeron.Aeron;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.cluster.client.AeronCluster;
import io.aeron.cluster.codecs.EventCode;
import io.aeron.cluster.codecs.MessageHeaderDecoder;
import io.aeron.cluster.codecs.MessageHeaderEncoder;
import io.aeron.cluster.codecs.SessionConnectRequestEncoder;
import io.aeron.cluster.codecs.SessionEventDecoder;
import io.aeron.cluster.codecs.SessionMessageHeaderEncoder;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.concurrent.TimeUnit;

/**
 * A host without the cluster's secret that writes into other clients' sessions, as Aeron Cluster 1.47 lets it: it
 * asks to connect without credentials, learns from the refusal its own session id and the leadership term, then sends
 * session messages that name the session ids below its own (given out earlier, to admitted clients).
 */
final class IngressIntruder implements AutoCloseable
{
    private static final int INGRESS_STREAM = 101;
    private static final int EGRESS_STREAM = 102;

    private final MediaDriver driver;
    private final Aeron aeron;
    private final Publication ingress;
    private final Subscription egress;
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[4096]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private long ownSessionId = -1;
    private long term = -1;

    /** Connects its publication to the ingress at {@code host:port} (the leader's). */
    IngressIntruder(final String ingressEndpoint)
    {
        driver = MediaDriver.launchEmbedded(new MediaDriver.Context().threadingMode(ThreadingMode.SHARED)
            .dirDeleteOnStart(true).dirDeleteOnShutdown(true));
        aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
        egress = aeron.addSubscription("aeron:udp?endpoint=localhost:0", EGRESS_STREAM);
        ingress = aeron.addExclusivePublication("aeron:udp?endpoint=" + ingressEndpoint, INGRESS_STREAM);
    }

    /** Asks to connect without credentials until refused; returns its own session id (-1 when never refused). */
    long learnFromARefusal(final long timeoutSeconds) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        String responseChannel = null;
        boolean sent = false;
        while (ownSessionId < 0 && System.nanoTime() < deadline)
        {
            if (responseChannel == null)
            {
                responseChannel = egress.tryResolveChannelEndpointPort();
            }
            else if (!sent)
            {
                final int length = MessageHeaderEncoder.ENCODED_LENGTH + new SessionConnectRequestEncoder()
                    .wrapAndApplyHeader(buffer, 0, header).correlationId(1).responseStreamId(EGRESS_STREAM)
                    .version(AeronCluster.Configuration.PROTOCOL_SEMANTIC_VERSION).responseChannel(responseChannel)
                    .putEncodedCredentials(new byte[0], 0, 0).encodedLength();
                sent = ingress.offer(buffer, 0, length) > 0;
            }
            egress.poll((b, offset, length, h) ->
            {
                final MessageHeaderDecoder d = new MessageHeaderDecoder().wrap(b, offset);
                if (d.templateId() == SessionEventDecoder.TEMPLATE_ID)
                {
                    final SessionEventDecoder e = new SessionEventDecoder().wrapAndApplyHeader(b, offset, d);
                    if (e.code() == EventCode.AUTHENTICATION_REJECTED)
                    {
                        ownSessionId = e.clusterSessionId();
                        term = e.leadershipTermId();
                    }
                }
            }, 10);
            Thread.sleep(5);
        }
        return ownSessionId;
    }

    /** Sends {@code message} as a session message of each session id below its own; false when one could not go. */
    boolean sendIntoEarlierSessions(final byte[] message) throws InterruptedException
    {
        for (long session = ownSessionId - 1; session >= 0; session--)
        {
            final SessionMessageHeaderEncoder m = new SessionMessageHeaderEncoder()
                .wrapAndApplyHeader(buffer, 0, header).leadershipTermId(term).clusterSessionId(session).timestamp(0);
            final int at = MessageHeaderEncoder.ENCODED_LENGTH + m.encodedLength();
            buffer.putBytes(at, message);
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (ingress.offer(buffer, 0, at + message.length) < 0)
            {
                if (System.nanoTime() > deadline)
                {
                    return false;
                }
                Thread.sleep(1);
            }
        }
        return true;
    }

    @Override
    public void close()
    {
        aeron.close();
        driver.close();
    }
}
