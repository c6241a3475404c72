package io.portcullis.archfixture.adapters.persistence;

import io.portcullis.archfixture.application.alpha.port.in.DoAlphaUseCase;
import io.portcullis.archfixture.application.alpha.port.out.AlphaRepository;

/** Fine: an adapter implementing an outbound port may use that port and its nested types. */
public class JdbcAlphaRepository implements AlphaRepository {
    @Override
    public Row save(DoAlphaUseCase.Command command) {
        return new Row(command.name());
    }
}
