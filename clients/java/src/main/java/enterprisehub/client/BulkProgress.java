package enterprisehub.client;

/**
 * Progress of a {@link HubClient#bulkPublish bulk publish}, reported after each acknowledged chunk.
 *
 * @param chunksAcknowledged chunks the hub has made durable so far
 * @param chunksTotal chunks in the whole load
 * @param factsStored facts newly stored so far
 * @param duplicates facts that had been stored before under their record ids
 * @param lastSequence the highest sequence acknowledged so far
 * @param resends how many times the stream broke and was reopened from the first unacknowledged chunk
 */
public record BulkProgress(int chunksAcknowledged, int chunksTotal, long factsStored, long duplicates,
        long lastSequence, int resends) {

    /** @return facts acknowledged so far, stored or duplicate */
    public long factsAcknowledged() { return factsStored + duplicates; }

    /** @return true once every chunk is acknowledged */
    public boolean done() { return chunksAcknowledged == chunksTotal; }
}
