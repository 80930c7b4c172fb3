package by.butb.sim.study;

/**
 * How a study run's commands reach the engine: in process through the engine's ring ({@link PipelineTransport}),
 * or as FIX messages through the gateway ({@link GatewayTransport}). Either way the engine's events go to the same
 * listeners (trades.csv and events.csv writers, the flow collector), with {@code userRef} = the command's number
 * (index + 1), so that both write the same files.
 *
 * <p>Threading: {@link #submit} and {@link #finish} are called by the one thread that runs the study.
 */
interface StudyTransport extends AutoCloseable
{
    /** Sends command {@code i} of the study's {@link StudyCommands}; commands arrive in index order. */
    void submit(int i) throws Exception;

    /** Returns once every submitted command has been applied and its events have reached the listeners. */
    void finish() throws Exception;

    /** The engine's state hash; only after {@link #finish}. */
    long stateHash();

    /** Commands the engine applied. */
    long commands();

    /** What the latency histogram measured, e.g. "submit to events published". */
    String latencyMeaning();

    /** One line on the route the commands took, for the run's summary. */
    String describe();

    @Override
    void close() throws Exception;
}
