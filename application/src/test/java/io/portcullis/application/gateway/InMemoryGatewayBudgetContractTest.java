package io.portcullis.application.gateway;

import io.portcullis.application.gateway.port.out.GatewayBudgetPort;

class InMemoryGatewayBudgetContractTest extends GatewayBudgetContract {
    @Override
    protected GatewayBudgetPort newBudgets() {
        return new InMemoryGatewayBudget();
    }
}
