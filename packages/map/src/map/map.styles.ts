import { css } from 'lit';

export const mapStyles = css`
  @layer atlas {
    :host {
      display: block;
      position: relative;
      height: var(--atlas-map-height, 28rem);
      min-height: 12rem;
      font: inherit;
      color: var(--atlas-text, CanvasText);
      --_asset: var(--atlas-map-asset, #1d70b8);
      --_activity: var(--atlas-map-activity, #00703c);
      --_transfer: var(--atlas-map-transfer, #912b88);
      --_cluster: var(--atlas-map-cluster, #0b0c0c);
      --_focus: var(--atlas-focus, #ffdd00);
      --_focus-text: var(--atlas-focus-text, #0b0c0c);
      --_panel-bg: var(--atlas-surface, #fff);
      --_border: var(--atlas-border, #505a5f);
    }
    /* Leaflet sizes its container's text in rem (0.75rem), which a host's html { font-size: 62.5% } shrinks to 7.5 px; the kit's own sizes are in em of the page's text. */
    .leaflet-container { font-size: 1em; }
    :host([hidden]) {
      display: none;
    }
    .region {
      position: relative;
      height: 100%;
      display: flex;
      flex-direction: column;
    }
    .skip {
      position: absolute;
      z-index: 1100;
      inset-block-start: 0.5rem;
      inset-inline-start: 0.5rem;
      /* Out of sight until focused, without leaving an edge showing above the map. */
      clip-path: inset(50%);
      opacity: 0;
      min-height: 2.75em;
      padding: 0.5rem 1rem;
      font: inherit;
      background: var(--_focus);
      color: var(--_focus-text);
      border: 2px solid var(--_focus-text);
    }
    .skip:focus {
      clip-path: none;
      opacity: 1;
    }
    .frame {
      position: relative;
      flex: 1;
      min-height: 0;
      border: 1px solid var(--_border);
      overflow: hidden;
    }
    .leaflet {
      position: absolute;
      inset: 0;
      background: var(--atlas-map-background, #e8ecef);
      font: inherit;
    }
    .leaflet:focus-visible {
      outline: none;
    }
    /* The map's focus ring is a still sibling on top, found with a plain
       sibling selector: drawn on the map itself it would be repainted with
       every frame of a pan, and :has() costs a style check every frame. */
    .ring {
      display: none;
      position: absolute;
      inset: 0;
      z-index: 900;
      pointer-events: none;
      box-shadow: inset 0 0 0 3px var(--_focus), inset 0 0 0 6px var(--_focus-text);
    }
    .leaflet:focus-visible + .ring {
      display: block;
    }
    .atlas-markers {
      position: absolute;
      left: 0;
      top: 0;
    }
    .atlas-outline {
      stroke: var(--_transfer);
      fill: var(--_transfer);
      fill-opacity: 0.12;
      stroke-dasharray: 6 4;
    }

    /* Markers: the shape, not only the colour, says the kind. */
    .marker {
      position: absolute;
      left: 0;
      top: 0;
      display: grid;
      place-items: center;
      width: 2rem;
      height: 2rem;
      margin: -1rem 0 0 -1rem;
      padding: 0;
      border: 0;
      background: none;
      cursor: pointer;
      color: #fff;
      font: inherit;
      z-index: 2;
    }
    .marker:focus-visible {
      outline: 3px solid var(--_focus);
      outline-offset: 1px;
      z-index: 5;
    }
    .shape {
      display: block;
      box-sizing: border-box;
      width: 1.25rem;
      height: 1.25rem;
      border: 2px solid #fff;
      /* Hard edges only: a blurred shadow on every marker costs more to paint
         during a pan than everything else on the map together. */
      outline: 1px solid rgb(0 0 0 / 70%);
    }
    .asset {
      --_kind: var(--_asset);
    }
    .activity {
      --_kind: var(--_activity);
    }
    .transfer {
      --_kind: var(--_transfer);
    }
    .shape.asset {
      background: var(--_kind);
      border-radius: 50%;
    }
    .shape.activity {
      background: var(--_kind);
      border-radius: 4px;
    }
    .shape.transfer {
      background: var(--_kind);
      width: 1.1rem;
      height: 1.1rem;
      transform: rotate(45deg);
      border-radius: 2px;
    }
    .marker.highlighted,
    .marker.selected {
      z-index: 4;
    }
    .marker.highlighted .shape,
    .marker.highlighted .count {
      transform: scale(1.3);
      box-shadow: 0 0 0 3px var(--_cluster), 0 0 0 5px #fff;
    }
    .marker.highlighted .shape.transfer {
      transform: rotate(45deg) scale(1.3);
    }
    .marker.selected .shape,
    .marker.selected .count {
      box-shadow: 0 0 0 3px #fff, 0 0 0 6px var(--_cluster);
    }
    .count {
      display: grid;
      place-items: center;
      box-sizing: border-box;
      min-width: 2rem;
      height: 2rem;
      padding: 0 0.35rem;
      border-radius: 1rem;
      border: 2px solid #fff;
      background: var(--_cluster);
      color: #fff;
      font-weight: 700;
      font-size: 0.875em;
      outline: 1px solid rgb(0 0 0 / 70%);
    }
    .cluster {
      width: 2.75rem;
      height: 2.75rem;
      margin: -1.375rem 0 0 -1.375rem;
    }
    .cluster .count {
      min-width: 2.5rem;
      height: 2.5rem;
      border-radius: 50%;
      outline: 3px solid rgb(11 12 12 / 30%);
    }
    .site .count {
      border-radius: 6px;
      box-shadow: 3px 3px 0 -1px #fff, 3px 3px 0 1px var(--_cluster);
    }
    .area {
      z-index: 1;
      width: var(--_size);
      height: var(--_size);
      margin: calc(var(--_size) / -2) 0 0 calc(var(--_size) / -2);
      border-radius: 50%;
      background: color-mix(in srgb, var(--_kind) 22%, transparent);
      border: 2px dashed var(--_kind);
      box-sizing: border-box;
    }
    .area.highlighted,
    .area.selected {
      background: color-mix(in srgb, var(--_kind) 40%, transparent);
      border-style: solid;
      border-width: 3px;
    }

    /* Overlaid controls: outside Leaflet's container, so Leaflet never swallows their clicks. */
    .overlay {
      position: absolute;
      z-index: 1000;
    }
    .zoom {
      inset-block-start: 0.5rem;
      inset-inline-end: 0.5rem;
      display: flex;
      flex-direction: column;
      gap: 2px;
    }
    button.control {
      min-width: 2.75em;
      min-height: 2.75em;
      padding: 0.25rem 0.75rem;
      font: inherit;
      font-weight: 700;
      color: var(--atlas-control-text, #0b0c0c);
      background: var(--_panel-bg);
      border: 2px solid var(--_border);
      border-radius: 4px;
      cursor: pointer;
    }
    .zoom button.control {
      padding: 0;
      font-size: 1.5em;
      line-height: 1;
    }
    button.control:hover {
      background: #f3f2f1;
    }
    button.control:focus-visible,
    .panel button:focus-visible,
    .attribution a:focus-visible {
      outline: 3px solid var(--_focus);
      outline-offset: 0;
      box-shadow: 0 0 0 5px var(--_focus-text);
    }
    .actions {
      inset-block-start: 0.5rem;
      inset-inline-start: 0.5rem;
      inset-inline-end: 4rem;
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      pointer-events: none;
    }
    .actions > * {
      pointer-events: auto;
    }
    .message {
      max-width: 36rem;
      margin: 0;
      padding: 0.5rem 0.75rem;
      background: var(--_panel-bg);
      border: 1px solid var(--_border);
      border-inline-start: 5px solid var(--_border);
    }
    .message.warning {
      border-inline-start-color: #d4351c;
    }
    .consent {
      inset: 0;
      display: grid;
      place-items: center;
      padding: 1rem;
      pointer-events: none;
    }
    .consent > div {
      pointer-events: auto;
      max-width: 26rem;
      padding: 1rem;
      background: var(--_panel-bg);
      border: 2px solid var(--_border);
    }
    .consent p {
      margin: 0 0 0.75rem;
    }
    .legend {
      inset-block-end: 1.75rem;
      inset-inline-start: 0.5rem;
      margin: 0;
      padding: 0.25rem 0.5rem;
      background: rgb(255 255 255 / 92%);
      border: 1px solid var(--_border);
      font-size: 0.8125em;
      color: #0b0c0c;
    }
    .legend ul {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem 0.75rem;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .legend li {
      display: flex;
      align-items: center;
      gap: 0.35rem;
    }
    .legend .shape {
      width: 0.85rem;
      height: 0.85rem;
      border-width: 1px;
    }
    .legend .shape.transfer {
      width: 0.75rem;
      height: 0.75rem;
    }
    .legend .swatch-area {
      display: block;
      width: 0.85rem;
      height: 0.85rem;
      border-radius: 50%;
      border: 1px dashed #0b0c0c;
      background: rgb(11 12 12 / 15%);
    }
    .attribution {
      inset-block-end: 0;
      inset-inline-end: 0;
      max-width: 100%;
      padding: 0.1rem 0.4rem;
      font-size: 0.75em;
      background: rgb(255 255 255 / 85%);
      color: #0b0c0c;
    }
    .attribution a {
      color: #1d70b8;
    }
    .panel {
      inset-block-start: 3.5rem;
      inset-inline-end: 3.75rem;
      width: min(22rem, calc(100% - 5rem));
      max-height: calc(100% - 5rem);
      overflow: auto;
      padding: 0.75rem;
      background: var(--_panel-bg);
      border: 2px solid var(--_border);
    }
    .panel-head {
      display: flex;
      align-items: start;
      justify-content: space-between;
      gap: 0.5rem;
    }
    .panel h2 {
      margin: 0 0 0.5rem;
      font-size: 1.0625em;
    }
    .panel ul {
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .panel li + li {
      margin-top: 0.25rem;
    }
    .panel li button {
      display: flex;
      align-items: center;
      gap: 0.5rem;
      width: 100%;
      min-height: 2.75em;
      padding: 0.25rem 0.5rem;
      text-align: start;
      font: inherit;
      color: #1d70b8;
      text-decoration: underline;
      background: none;
      border: 1px solid transparent;
      cursor: pointer;
    }
    .panel li button .shape {
      flex: none;
      width: 0.9rem;
      height: 0.9rem;
    }
    .visually-hidden {
      position: absolute !important;
      width: 1px !important;
      height: 1px !important;
      margin: 0 !important;
      padding: 0 !important;
      overflow: hidden !important;
      clip: rect(0 0 0 0) !important;
      clip-path: inset(50%) !important;
      border: 0 !important;
      white-space: nowrap !important;
    }

    @media (max-width: 30rem) {
      .panel {
        inset-inline: 0.5rem;
        inset-block: auto 1.75rem;
        width: auto;
        max-height: 60%;
      }
    }

    @media (forced-colors: active) {
      .marker .shape,
      .marker .count,
      .legend .shape,
      .panel .shape {
        forced-color-adjust: none;
        background: Canvas;
        border-color: CanvasText;
        color: CanvasText;
        box-shadow: none;
      }
      .area {
        forced-color-adjust: none;
        background: transparent;
        border-color: CanvasText;
      }
      .marker.highlighted .shape,
      .marker.highlighted .count,
      .marker.selected .shape,
      .marker.selected .count,
      .area.highlighted,
      .area.selected {
        background: Highlight;
        color: HighlightText;
        border-color: HighlightText;
      }
      .marker:focus-visible {
        outline-color: Highlight;
      }
      .atlas-outline {
        stroke: CanvasText;
        fill: none;
      }
    }

    @media (prefers-reduced-motion: reduce) {
      * {
        transition: none !important;
        animation: none !important;
      }
    }
  }
`;
