/** A yes/no question a knowledge-base screen asks in its one dialog (one per screen, so the dialog's ids stay unique). */
export interface ConfirmQuestion {
  title: string;
  body: string;
  confirmLabel: string;
  cancelLabel: string;
}
