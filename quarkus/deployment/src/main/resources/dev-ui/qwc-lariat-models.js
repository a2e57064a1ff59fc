import { LitElement, html, css } from 'lit';
import { JsonRpc } from 'jsonrpc';

/** The models loaded in memory: file size, context and KV cache memory. */
export class QwcLariatModels extends LitElement {
    jsonRpc = new JsonRpc(this);

    static styles = css`
        table { border-collapse: collapse; margin: 1em; }
        th, td { text-align: left; padding: 0.3em 1em; border-bottom: 1px solid var(--lumo-contrast-10pct); }
    `;

    static properties = { _models: { state: true } };

    connectedCallback() {
        super.connectedCallback();
        this.jsonRpc.getModels().then(response => { this._models = response.result; });
    }

    static _size(bytes) {
        if (bytes >= 1 << 30) return (bytes / (1 << 30)).toFixed(2) + ' GiB';
        if (bytes >= 1 << 20) return (bytes / (1 << 20)).toFixed(1) + ' MiB';
        return bytes + ' B';
    }

    render() {
        if (!this._models) {
            return html`<span>Loading models…</span>`;
        }
        if (this._models.length === 0) {
            return html`<p>No model is loaded (lariat.model is not set, or no agent has run yet).</p>`;
        }
        return html`<table>
            <tr><th>Model</th><th>Family</th><th>Parameters</th><th>Quantization</th><th>File</th><th>Context</th>
                <th>KV cache allocated / budget</th><th>Kernels</th></tr>
            ${this._models.map(m => html`<tr class="model">
                <td>${m.name}</td><td>${m.family}</td><td>${m.parameterSize}</td><td>${m.quantization}</td>
                <td>${QwcLariatModels._size(m.fileBytes)}</td><td>${m.contextLength}</td>
                <td>${QwcLariatModels._size(m.kvAllocatedBytes)} / ${QwcLariatModels._size(m.kvBudgetBytes)}</td>
                <td>${m.vectorKernels ? 'Vector API' : 'scalar (add --add-modules jdk.incubator.vector)'}</td>
            </tr>`)}
        </table>`;
    }
}
customElements.define('qwc-lariat-models', QwcLariatModels);
