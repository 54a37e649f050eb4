package org.acupressurecds.store;

import io.agroal.api.AgroalDataSource;
import javax.sql.DataSource;
import io.quarkus.arc.InjectableInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/** The store the records go to: PostgreSQL where configured, else the embedded one (RecordStoreSelection). */
@ApplicationScoped
public class RecordStore {

    /** The store cannot be reached: a read or a write of the record cannot be done now (a 503, not a bug). */
    public static class Unavailable extends RuntimeException {
        public Unavailable(String what, Throwable cause) {
            super(what + ": the decision record's store cannot be reached", cause);
        }
    }

    private static final Logger LOG = Logger.getLogger(RecordStore.class);

    private final DataSource dataSource;
    private final String kind;

    @Inject
    RecordStore(InjectableInstance<AgroalDataSource> postgresql,
            @io.quarkus.agroal.DataSource("embedded") InjectableInstance<AgroalDataSource> embedded) {
        boolean usePostgresql = postgresql.getHandle().getBean().isActive();
        this.dataSource = usePostgresql ? postgresql.get() : DurableCommits.of(embedded.get());
        this.kind = usePostgresql ? "PostgreSQL" : "the embedded store under data/ (not for production)";
        LOG.infof("Decision records are kept in %s.", kind);
    }

    /** A store on a given data source, for tests of what writes to it. */
    public RecordStore(DataSource dataSource, String kind) {
        this.dataSource = dataSource;
        this.kind = kind;
    }

    /** The embedded store in files, as the service keeps it (each commit written before it returns). */
    public static RecordStore embedded(DataSource h2, String kind) {
        return new RecordStore(DurableCommits.of(h2), kind);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public String kind() {
        return kind;
    }
}
