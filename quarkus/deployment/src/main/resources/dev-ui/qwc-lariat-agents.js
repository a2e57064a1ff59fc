import { LitElement, html, css } from 'lit';
import { JsonRpc } from 'jsonrpc';

/** Lariat's agents: model, system prompt, and each tool with its JSON Schema. */
export class QwcLariatAgents extends LitElement {
    jsonRpc = new JsonRpc(this);

    static styles = css`
        .agent { padding: 0.5em 1em; border-bottom: 1px solid var(--lumo-contrast-10pct); }
        .name { font-weight: bold; font-size: 1.1em; }
        .prompt { color: var(--lumo-secondary-text-color); white-space: pre-wrap; }
        .tool { margin: 0.3em 0 0.3em 1em; }
        pre { background: var(--lumo-contrast-5pct); padding: 0.5em; margin: 0.2em 0; overflow: auto; }
        .error { color: var(--lumo-error-text-color); }
    `;

    static properties = { _agents: { state: true }, _error: { state: true } };

    connectedCallback() {
        super.connectedCallback();
        this.jsonRpc.getAgents().then(response => { this._agents = response.result; })
            .catch(e => { this._error = e.error ? e.error.message : String(e); });
    }

    render() {
        if (this._error) {
            return html`<div class="error">${this._error}</div>`;
        }
        if (!this._agents) {
            return html`<span>Loading agents…</span>`;
        }
        return html`${this._agents.map(agent => html`
            <div class="agent" data-agent="${agent.name}">
                <div class="name">${agent.name}</div>
                ${agent.error ? html`<div class="error">${agent.error}</div>` : html`
                    <div>model: ${agent.model}</div>
                    <div class="prompt">${agent.systemPrompt}</div>
                    ${agent.tools.map(tool => html`
                        <div class="tool" data-tool="${tool.name}">
                            <b>${tool.name}</b>${tool.builtin ? ' (built-in)' : ''}: ${tool.description}
                            <pre>${JSON.stringify(JSON.parse(tool.schema), null, 2)}</pre>
                        </div>`)}`}
            </div>`)}`;
    }
}
customElements.define('qwc-lariat-agents', QwcLariatAgents);
