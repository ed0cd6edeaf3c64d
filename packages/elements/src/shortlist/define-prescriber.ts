/**
 * The prescriber's parts, registered on demand: a resident's finder never
 * downloads the shortlist, the print view or the prescriber bar. The finder
 * imports this when `mode="prescriber"` or when a shared list link is opened.
 */
import { defineElement } from '@community-atlas/core/dom';
import { AtlasShortlist } from './shortlist.js';
import { AtlasPrintView } from '../print/print-view.js';
import { AtlasPrescriberBar } from './prescriber-bar.js';

defineElement('atlas-shortlist', AtlasShortlist);
defineElement('atlas-print-view', AtlasPrintView);
defineElement('atlas-prescriber-bar', AtlasPrescriberBar);

declare global {
  interface HTMLElementTagNameMap {
    'atlas-shortlist': AtlasShortlist;
    'atlas-print-view': AtlasPrintView;
    'atlas-prescriber-bar': AtlasPrescriberBar;
  }
}
