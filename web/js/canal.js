// The permanent channel on this device: the folio and code of the last petition sent to it,
// so the folio page can show its notes without typing the code.
export const CHANNEL_KEY = 'audiencia.ciudadano.canal';
