import { Modal } from 'antd';
import { ChangePasswordForm } from './ChangePasswordForm.tsx';

/** 修改密码 from the user menu; loaded on first use (UserMenu imports it lazily). */
export default function ChangePasswordDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Modal title="修改密码" open={open} onCancel={onClose} footer={null} destroyOnHidden>
      <ChangePasswordForm onDone={() => setTimeout(onClose, 1200)} />
    </Modal>
  );
}
